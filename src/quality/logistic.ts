/** A fitted logistic regression over standardised inputs. */
export interface LogisticFit {
  mean: number[];
  scale: number[];
  weights: number[];
  bias: number;
}

/**
 * Fits a logistic regression with an L2 penalty by Newton's method: deterministic for the same rows
 * in the same order, and converged in a few dozen steps at this size.
 */
export function fitLogistic(rows: number[][], labels: number[], l2 = 1, iterations = 50): LogisticFit {
  const width = rows[0]?.length ?? 0;
  const mean = Array.from({ length: width }, (_, j) => rows.reduce((sum, row) => sum + row[j]!, 0) / rows.length);
  const scale = mean.map((m, j) => Math.sqrt(rows.reduce((sum, row) => sum + (row[j]! - m) ** 2, 0) / rows.length) || 1);
  // Standardised rows with a leading 1 for the bias, which is not penalised.
  const x = rows.map((row) => [1, ...row.map((value, j) => (value - mean[j]!) / scale[j]!)]);
  const size = width + 1;
  let beta = new Array<number>(size).fill(0);
  for (let step = 0; step < iterations; step++) {
    const gradient = new Array<number>(size).fill(0);
    const hessian = Array.from({ length: size }, () => new Array<number>(size).fill(0));
    x.forEach((xi, i) => {
      const p = sigmoid(dot(beta, xi));
      const w = Math.max(p * (1 - p), 1e-9);
      for (let a = 0; a < size; a++) {
        gradient[a]! += (labels[i]! - p) * xi[a]!;
        for (let b = 0; b <= a; b++) hessian[a]![b]! += w * xi[a]! * xi[b]!;
      }
    });
    for (let a = 0; a < size; a++) {
      for (let b = 0; b < a; b++) hessian[b]![a] = hessian[a]![b]!;
      if (a > 0) {
        gradient[a]! -= l2 * beta[a]!;
        hessian[a]![a]! += l2;
      }
    }
    const delta = solve(hessian, gradient);
    beta = beta.map((value, a) => value + delta[a]!);
    if (Math.max(...delta.map(Math.abs)) < 1e-10) break;
  }
  return { mean, scale, weights: beta.slice(1), bias: beta[0]! };
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

function dot(a: number[], b: number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

/** Solves A·x = b for a symmetric positive definite A by Gaussian elimination with partial pivoting. */
function solve(matrix: number[][], vector: number[]): number[] {
  const n = vector.length;
  const a = matrix.map((row, i) => [...row, vector[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let row = col + 1; row < n; row++) if (Math.abs(a[row]![col]!) > Math.abs(a[pivot]![col]!)) pivot = row;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    for (let row = col + 1; row < n; row++) {
      const factor = a[row]![col]! / a[col]![col]!;
      for (let k = col; k <= n; k++) a[row]![k]! -= factor * a[col]![k]!;
    }
  }
  const result = new Array<number>(n).fill(0);
  for (let row = n - 1; row >= 0; row--) {
    let sum = a[row]![n]!;
    for (let k = row + 1; k < n; k++) sum -= a[row]![k]! * result[k]!;
    result[row] = sum / a[row]![row]!;
  }
  return result;
}
