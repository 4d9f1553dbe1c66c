import { apkAnalyzer } from './apk.js';
import { dpkgAnalyzer } from './dpkg.js';
import { goBinaryAnalyzer } from './go-buildinfo.js';
import { javaAnalyzer } from './java.js';
import { npmAnalyzer } from './npm.js';
import { pythonAnalyzer } from './python.js';
import { rpmAnalyzer } from './rpm.js';
import type { FileAnalyzer } from './types.js';

/** Every package analyzer, in a fixed order. */
export const ANALYZERS: readonly FileAnalyzer[] = [apkAnalyzer, dpkgAnalyzer, rpmAnalyzer, npmAnalyzer, pythonAnalyzer, goBinaryAnalyzer, javaAnalyzer];
