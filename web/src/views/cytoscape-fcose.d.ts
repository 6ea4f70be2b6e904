/** cytoscape-fcose ships no types: the extension itself, and the options of its layout that the network view sets. */
declare module "cytoscape-fcose" {
  import type { BaseLayoutOptions, EdgeSingular, Ext, NodeSingular } from "cytoscape";

  /** The `fcose` layout's options (https://github.com/iVis-at-Bilkent/cytoscape.js-fcose#api), as far as they are used. */
  export interface FcoseLayoutOptions extends BaseLayoutOptions {
    name: "fcose";
    /** "draft": spectral only; "default": spectral, then a quick incremental pass; "proof": a slower, finer pass. */
    quality?: "draft" | "default" | "proof";
    /** Start from a spectral layout (true) or from the current positions (false, only with quality "proof"). */
    randomize?: boolean;
    animate?: boolean;
    fit?: boolean;
    padding?: number;
    nodeDimensionsIncludeLabels?: boolean;
    uniformNodeDimensions?: boolean;
    packComponents?: boolean;
    samplingType?: boolean;
    sampleSize?: number;
    nodeSeparation?: number;
    nodeRepulsion?: number | ((node: NodeSingular) => number);
    idealEdgeLength?: number | ((edge: EdgeSingular) => number);
    edgeElasticity?: number | ((edge: EdgeSingular) => number);
    nestingFactor?: number;
    numIter?: number;
    tile?: boolean;
    tilingPaddingVertical?: number;
    tilingPaddingHorizontal?: number;
    gravity?: number;
    gravityRange?: number;
    initialEnergyOnIncremental?: number;
  }

  const fcose: Ext;
  export default fcose;
}
