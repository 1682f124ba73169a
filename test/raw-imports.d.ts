// Vite's `?raw` imports: a file's text, as tests inside workerd cannot read the disk.
declare module '*?raw' {
  const text: string;
  export default text;
}
