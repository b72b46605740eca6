#!/usr/bin/env node
// The `stackc` command: the built tool (dist/, made by `npm run build`, which `npm ci` runs through `prepare`).
import '../dist/compiler/stackc.js';
