#!/usr/bin/env node
/** The same command as the bin (dist/bin.cjs), for those who start dist/index.js. */
import './bin.cjs';
