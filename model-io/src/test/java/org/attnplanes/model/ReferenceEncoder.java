package org.attnplanes.model;

import org.attnplanes.testmodels.TinyOnnx;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Test oracle: the tiny encoder of {@link TinyOnnx} computed in plain Java (Commons Math, double precision),
 * one sample at a time, without padding.
 */
final class ReferenceEncoder {

    /** Attention probabilities [layer][head] as n × n matrices, and the final hidden state n × D. */
    record Result(RealMatrix[][] attention, RealMatrix hidden) {
    }

    private ReferenceEncoder() {
    }

    static Result forward(TinyOnnx.Weights w, int[] ids) {
        int n = ids.length;
        RealMatrix x = new Array2DRowRealMatrix(n, TinyOnnx.D);
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < TinyOnnx.D; c++) {
                x.setEntry(i, c, w.wordEmbedding[ids[i] * TinyOnnx.D + c] + w.positionEmbedding[i * TinyOnnx.D + c]);
            }
        }
        RealMatrix[][] attention = new RealMatrix[TinyOnnx.LAYERS][TinyOnnx.HEADS];
        double scale = 1.0 / Math.sqrt(TinyOnnx.DH);
        for (int l = 0; l < TinyOnnx.LAYERS; l++) {
            RealMatrix q = linear(x, w.wq[l], w.bq[l], TinyOnnx.D, TinyOnnx.D);
            RealMatrix k = linear(x, w.wk[l], w.bk[l], TinyOnnx.D, TinyOnnx.D);
            RealMatrix v = linear(x, w.wv[l], w.bv[l], TinyOnnx.D, TinyOnnx.D);
            RealMatrix ctx = new Array2DRowRealMatrix(n, TinyOnnx.D);
            for (int h = 0; h < TinyOnnx.HEADS; h++) {
                int c0 = h * TinyOnnx.DH;
                int c1 = c0 + TinyOnnx.DH - 1;
                RealMatrix qh = q.getSubMatrix(0, n - 1, c0, c1);
                RealMatrix kh = k.getSubMatrix(0, n - 1, c0, c1);
                RealMatrix vh = v.getSubMatrix(0, n - 1, c0, c1);
                RealMatrix p = softmaxRows(qh.multiply(kh.transpose()).scalarMultiply(scale));
                attention[l][h] = p;
                ctx.setSubMatrix(p.multiply(vh).getData(), 0, c0);
            }
            x = x.add(linear(ctx, w.wo[l], w.bo[l], TinyOnnx.D, TinyOnnx.D));
            RealMatrix hidden = linear(x, w.w1[l], w.b1[l], TinyOnnx.D, TinyOnnx.FFN);
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < TinyOnnx.FFN; c++) {
                    hidden.setEntry(i, c, Math.max(0, hidden.getEntry(i, c)));
                }
            }
            x = x.add(linear(hidden, w.w2[l], w.b2[l], TinyOnnx.FFN, TinyOnnx.D));
        }
        return new Result(attention, x);
    }

    private static RealMatrix linear(RealMatrix x, float[] weight, float[] bias, int in, int out) {
        RealMatrix wm = new Array2DRowRealMatrix(in, out);
        for (int r = 0; r < in; r++) {
            for (int c = 0; c < out; c++) {
                wm.setEntry(r, c, weight[r * out + c]);
            }
        }
        RealMatrix y = x.multiply(wm);
        for (int r = 0; r < y.getRowDimension(); r++) {
            for (int c = 0; c < out; c++) {
                y.addToEntry(r, c, bias[c]);
            }
        }
        return y;
    }

    private static RealMatrix softmaxRows(RealMatrix s) {
        RealMatrix p = s.copy();
        for (int i = 0; i < s.getRowDimension(); i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < s.getColumnDimension(); j++) {
                max = Math.max(max, s.getEntry(i, j));
            }
            double sum = 0;
            for (int j = 0; j < s.getColumnDimension(); j++) {
                double e = Math.exp(s.getEntry(i, j) - max);
                p.setEntry(i, j, e);
                sum += e;
            }
            for (int j = 0; j < s.getColumnDimension(); j++) {
                p.setEntry(i, j, p.getEntry(i, j) / sum);
            }
        }
        return p;
    }
}
