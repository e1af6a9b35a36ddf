/**
 * Area under the ROC curve of `scores` for binary `labels` (truthy = positive,
 * i.e. anomaly): the Mann–Whitney probability that a random positive scores
 * above a random negative, ties counting one half. Equal to the rank-sum
 * formula with average ranks for ties.
 */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number | boolean>): number {
  if (scores.length !== labels.length) {
    throw new RangeError(`rocAuc needs one label per score, got ${scores.length} scores and ${labels.length} labels.`);
  }
  let positives = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i]) positives++;
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) throw new RangeError('rocAuc needs at least one positive and one negative label.');
  const positiveScores = new Float64Array(positives);
  const negativeScores = new Float64Array(negatives);
  let p = 0;
  let n = 0;
  for (let i = 0; i < scores.length; i++) {
    const score = scores[i]!;
    if (Number.isNaN(score)) throw new RangeError(`rocAuc: score ${i} is NaN.`);
    if (labels[i]) positiveScores[p++] = score;
    else negativeScores[n++] = score;
  }
  positiveScores.sort();
  negativeScores.sort();
  // Walk both sorted lists once: for each positive, count negatives strictly
  // below it and negatives equal to it.
  let wins = 0;
  let below = 0;
  let equalEnd = 0;
  for (let i = 0; i < positives; i++) {
    const score = positiveScores[i]!;
    while (below < negatives && negativeScores[below]! < score) below++;
    if (equalEnd < below) equalEnd = below;
    while (equalEnd < negatives && negativeScores[equalEnd]! === score) equalEnd++;
    wins += below + 0.5 * (equalEnd - below);
  }
  return wins / (positives * negatives);
}
