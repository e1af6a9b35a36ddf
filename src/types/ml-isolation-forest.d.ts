// ml-isolation-forest 0.1.0 ships CommonJS without types. Its README shows a
// default import, which does not exist: the package only has a named export, and
// `import { IsolationForest } from 'ml-isolation-forest'` works from ESM on Node 20.
declare module 'ml-isolation-forest' {
  /** A node of a grown tree: inner nodes have both children, leaves keep their rows. */
  export interface IsolationTreeNode {
    depth?: number;
    maxDepth?: number;
    left?: IsolationTreeNode;
    right?: IsolationTreeNode;
    splitColumn?: number;
    splitValue?: number;
    /** Only on leaves: the training rows that ended there. */
    trainingSet?: ArrayLike<number>[];
    isLeafNode(): boolean;
    numberDataPoints(): number;
    pathLengthFromRoot(row: ArrayLike<number>, currentPathLengthFromRoot: number): number;
  }

  export interface IsolationForestOptions {
    nEstimators?: number;
  }

  export class IsolationForest {
    constructor(options?: IsolationForestOptions);
    nEstimators: number;
    forest: IsolationTreeNode[];
    /** Set by `train`; `predict` normalises by c(trainingSet.length). */
    trainingSet?: ArrayLike<ArrayLike<number>>;
    train(trainingSet: ArrayLike<number>[]): void;
    predict(rows: ArrayLike<number>[]): number[];
  }
}
