import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

/**
 * The CJK fonts every PDF embeds (Noto Sans SC, OFL). Resolved through the package so the code works
 * wherever node_modules is; pdfkit subsets them, so a one-page document carries a few KB of glyphs,
 * not the 10 MB file.
 */
const require = createRequire(import.meta.url);

const FONT_FILES = {
  regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
} as const;

/** Font names registered on every document. */
export type FontName = keyof typeof FONT_FILES;

/** Bytes of the two font files, registered on each document as `regular` and `bold`. */
export interface CjkFonts {
  regular: Buffer;
  bold: Buffer;
}

// Read once per process: the files are immutable package data (2 × 10 MB) and re-reading them for
// each of hundreds of documents would dominate print time. Not state: nothing else is cached.
let loading: Promise<CjkFonts> | null = null;

/**
 * The font bytes, read on first use. Fails (rejects) when the font package is missing, naming it.
 */
export function loadCjkFonts(): Promise<CjkFonts> {
  loading ??= (async () => {
    const [regular, bold] = await Promise.all([readFile(resolveFont('regular')), readFile(resolveFont('bold'))]);
    return { regular, bold };
  })().catch((e: unknown) => {
    loading = null;
    throw e;
  });
  return loading;
}

function resolveFont(name: FontName): string {
  try {
    return require.resolve(FONT_FILES[name]);
  } catch (e) {
    throw new Error(`CJK font missing: install @expo-google-fonts/noto-sans-sc (${FONT_FILES[name]})`, { cause: e });
  }
}
