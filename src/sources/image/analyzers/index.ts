import { apkAnalyzer } from './apk.js';
import { dpkgAnalyzer } from './dpkg.js';
import type { FileAnalyzer } from './types.js';

/** Every package analyzer, in a fixed order. */
export const ANALYZERS: readonly FileAnalyzer[] = [apkAnalyzer, dpkgAnalyzer];
