declare module 'node-gyp-build' {
  interface NodeGypBuild {
    (root: string): unknown;
    /** The path of the binary that would be loaded for `root`; throws when none fits. */
    resolve(root: string): string;
  }
  const nodeGypBuild: NodeGypBuild;
  export default nodeGypBuild;
}
