import { fileURLToPath } from "node:url";

/**
 * The package's root folder, which holds `data/` and `web/dist/`. This is
 * the one module that works it out from its own location, so it must stay
 * one folder below the root: in `src/` when run from source and, bundled,
 * in `dist/` (see scripts/build.mjs).
 */
export const PACKAGE_ROOT = fileURLToPath(new URL("../", import.meta.url));
