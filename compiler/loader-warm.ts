// esbuild's service is a process of its own: started while the compiler's modules load, it is ready when the first
// stack file is bundled (compiler/loader.ts). A failure here is left to that first real call to report.
export async function warmLoader(): Promise<void> {
  try {
    const { transform } = await import('esbuild');
    await transform('', { loader: 'ts' });
  } catch {
    // reported by the bundling itself
  }
}
