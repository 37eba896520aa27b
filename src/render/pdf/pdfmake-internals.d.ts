/** The parts of pdfmake that the modules around pdfmake-patches.ts wrap; pdfmake (0.3) ships
 * these modules as CommonJS with `exports.default` and without types. */
declare module 'pdfmake/js/Line.js' {
  const mod: unknown;
  export default mod;
}
declare module 'pdfmake/js/ElementWriter.js' {
  const mod: unknown;
  export default mod;
}
declare module 'pdfmake/js/LayoutBuilder.js' {
  const mod: unknown;
  export default mod;
}
declare module 'pdfmake/js/Renderer.js' {
  const mod: unknown;
  export default mod;
}
declare module 'pdfmake/js/PageElementWriter.js' {
  const mod: unknown;
  export default mod;
}
declare module 'pdfmake/js/StyleContextStack.js' {
  const mod: unknown;
  export default mod;
}
declare module 'pdfmake/js/TextInlines.js' {
  const mod: unknown;
  export default mod;
}
declare module 'pdfmake/js/PDFDocument.js' {
  const mod: unknown;
  export default mod;
}
