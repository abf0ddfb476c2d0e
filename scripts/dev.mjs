// `npm run dev`: runs the built API and worker together (migrations already applied by the npm script).
// Ctrl-C stops both; if either exits, the other is stopped too.
import { spawn } from 'node:child_process';
import './ensure-env.mjs';

const children = ['api', 'worker'].map((app) => {
  const child = spawn(process.execPath, [`dist/apps/${app}/src/main.js`], { stdio: 'inherit' });
  child.on('exit', (code, signal) => {
    console.log(`${app} exited (${signal ?? code})`);
    shutdown(code ?? 1);
  });
  return child;
});

let stopping = false;
function shutdown(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 10_000).unref();
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));
