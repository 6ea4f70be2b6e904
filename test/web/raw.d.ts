// The web app's `?raw` imports (text files bundled by Vite) as the root project's type check sees them, for the
// unit tests that import web modules (the web project itself has Vite's own types).
declare module "*?raw" {
  const text: string;
  export default text;
}
