// The user's stack files are TypeScript and Node 20 runs only JavaScript: stackc itself ships as built JavaScript,
// and tsx's loader is registered for the stack files (and the helpers they import) only when a command reads them.
// Run from source (tests, `node --import tsx compiler/stackc.ts`), tsx is already in place.

const fromSource = import.meta.url.endsWith('.ts');
let registered = false;

export async function loadStackFilesAsTypeScript(): Promise<void> {
  if (fromSource || registered) return;
  const { register } = await import('tsx/esm/api');
  register();
  registered = true;
}
