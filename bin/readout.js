#!/usr/bin/env -S node --max-old-space-size=256
// Runs the TypeScript CLI directly through tsx, so a checkout needs no build step.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/main.ts");
