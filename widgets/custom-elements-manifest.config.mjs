// The analyzer would otherwise rewrite package.json's customElements path on every run (tests run it into a temp dir).
export default { packagejson: false };
