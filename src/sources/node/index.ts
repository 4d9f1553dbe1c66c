export { readNode, NodeRootError, type NodeRead } from './read-node.js';
export { NODE_FILE_KIND } from './node-files.js';
