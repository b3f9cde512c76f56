package org.attnplanes.model;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OrtException;
import com.google.protobuf.InvalidProtocolBufferException;
import org.attnplanes.model.internal.ExternalDataCheck;
import org.attnplanes.model.internal.FileFingerprints;
import org.attnplanes.model.internal.GraphAnalysis;
import org.attnplanes.model.internal.GraphRewrites;
import org.attnplanes.model.internal.HfTokenizer;
import org.attnplanes.model.internal.InputFeeds;
import org.attnplanes.model.internal.ModelCache;
import org.attnplanes.model.internal.OnnxSession;
import org.attnplanes.model.internal.OrtNativeLibraries;
import org.attnplanes.model.internal.Sha256;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Opening a model for {@link AttentionModel}: file checks, hashing, parsing, the {@link GraphRewrites} (merged
 * decoders, fused attention), analysis, the split-model cache and its fall-back, the tokenizer loaded on its own
 * thread meanwhile, the runtime session and the check that every input can be fed.
 */
final class ModelLoader {

    /** Everything an open model holds; the caller owns (and closes) the tokenizer and the session. */
    record Loaded(String sha256, GraphAnalysis analysis, HfTokenizer tokenizer, OnnxSession session,
                  RewriteCheck.ProbeRun probe) {
    }

    private ModelLoader() {
    }

    /**
     * Loads {@code model}; on failure nothing stays open.
     *
     * @throws ModelException naming the file and the problem
     */
    static Loaded load(Path model, CaptureOptions options) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(options, "options");
        long size = checkModelFile(model);
        ModelStore store = options.store();
        store.directory().ifPresent(d -> OrtNativeLibraries.install(d.resolve("native")));
        // the tokenizer (JSON vocabulary + native library) loads on its own thread while the model is prepared
        FutureTask<HfTokenizer> tokenizerLoad = findTokenizer(model, options)
                .map(p -> new FutureTask<>(() -> HfTokenizer.load(p))).orElse(null);
        if (tokenizerLoad != null) {
            Thread t = new Thread(tokenizerLoad, "attnplanes-tokenizer-load");
            t.setDaemon(true);
            t.start();
        }
        HfTokenizer tok = null;
        OnnxSession session = null;
        RewriteCheck.Reference reference = null;
        try {
            Prepared prepared = prepare(model, size, options, store.enabled());
            GraphAnalysis analysis = prepared.analysis();
            if (prepared.unrewritten() != null) {
                // the model as written runs on the probe on its own thread while the rewritten session is created
                reference = RewriteCheck.start(model, prepared.unrewritten(), prepared.externalDir(), analysis,
                        options.threads());
            }
            try {
                session = new OnnxSession(prepared.modelBytes(), prepared.externalDir(), options.threads());
            } catch (OrtException e) {
                if (!prepared.fromCache()) {
                    throw new ModelException("ONNX Runtime cannot load " + model.getFileName() + ": " + e.getMessage(),
                            e);
                }
                // a verified entry that does not load (say, evicted by another process meanwhile): use the source
                // now and rebuild the entry on the next open
                store.modelCache().invalidate(prepared.sha256());
                prepared = prepare(model, size, options, false);
                session = session(model, prepared, options);
            }
            // joined only now: the session above was made while the tokenizer loaded on its own thread
            tok = tokenizerLoad == null ? null : join(tokenizerLoad);
            if (tok != null && analysis.vocabularyRows() > 0 && tok.vocabularySize() > analysis.vocabularyRows()) {
                throw new ModelException("tokenizer " + tok.file().getFileName() + " has " + tok.vocabularySize()
                        + " token ids but the embedding table of " + model.getFileName() + " has only "
                        + analysis.vocabularyRows() + " rows; use the tokenizer.json that belongs to this model");
            }
            String refusal = InputFeeds.refusal(model.getFileName().toString(), session.inputNames(),
                    session.unknownInputs(), session.feeds(InputFeeds.Kind.PIXEL_VALUES)
                            ? session.inputNames().size() == 1 : session.feeds(InputFeeds.Kind.TOKEN_IDS));
            if (refusal != null) {
                throw new ModelException(refusal);
            }
            RewriteCheck.ProbeRun probe = null;
            if (reference != null) {
                RewriteCheck.Reference r = reference;
                reference = null;                   // verify waits for it on every path
                // one run of the rewritten session serves the check and the capture probe (Capturer.probe)
                List<String> attention = new ArrayList<>();
                for (GraphAnalysis.Softmax s : analysis.softmaxes()) {
                    attention.add(s.probabilities());
                }
                probe = RewriteCheck.verify(r, session, attention);
            }
            return new Loaded(prepared.sha256(), analysis, tok, session, probe);
        } catch (RuntimeException e) {
            if (reference != null) {
                reference.awaitQuietly();
            }
            if (session != null) {
                session.close();
            }
            if (tok == null && tokenizerLoad != null) {
                tok = joinQuietly(tokenizerLoad);
            }
            if (tok != null) {
                tok.close();
            }
            throw e;
        }
    }

    /**
     * A model ready for a session: source SHA-256, analysis, the modified model's bytes, external-data folder,
     * and whether it came from the {@link ModelCache}.
     */
    record Prepared(String sha256, GraphAnalysis analysis, byte[] modelBytes, Path externalDir,
                            boolean fromCache, byte[] unrewritten) {
    }

    static OnnxSession session(Path model, Prepared prepared, CaptureOptions options) {
        try {
            return new OnnxSession(prepared.modelBytes(), prepared.externalDir(), options.threads());
        } catch (OrtException e) {
            throw new ModelException("ONNX Runtime cannot load " + model.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Hashes, parses, analyses and modifies the model. A model of at least {@link ModelCache#MIN_SOURCE_BYTES}
     * without external data goes through the {@link ModelCache}: an unchanged file (by its {@code stat}
     * fingerprint) with a valid entry is neither read nor hashed, and only the entry's small skeleton is parsed;
     * otherwise the entry is (re)built from the parsed model. A cache that cannot be written only costs speed.
     */
    static Prepared prepare(Path model, long size, CaptureOptions options, boolean useCache) {
        boolean cached = useCache && size >= ModelCache.MIN_SOURCE_BYTES;
        FileFingerprints fingerprints = cached ? options.store().fingerprints() : null;
        ModelCache cache = cached ? options.store().modelCache() : null;
        if (cached) {
            Optional<String> sha = fingerprints.lookup(model);
            if (sha.isPresent()) {
                Optional<ModelCache.Entry> entry = cache.lookup(sha.get(), options.valueNorms()).entry();
                if (entry.isPresent()) {
                    return fromEntry(model, sha.get(), entry.get());
                }
            }
        }
        long start = cached ? fingerprints.clockNanos() : FileFingerprints.now();
        FileFingerprints.Stat before = cached ? stat(model) : null;
        byte[] bytes = readModel(model);
        String sha = Sha256.of(bytes);
        if (cached && before != null) {
            fingerprints.remember(model, before, start, sha);
        }
        ModelProto proto = parse(model, bytes);
        // the file's bytes are the model as written, which the rewrite check runs: kept only when it may run
        byte[] source = GraphRewrites.mayRewriteFused(proto) ? bytes : null;
        bytes = null;
        ExternalDataCheck.check(proto, model);     // before ONNX Runtime can read any location the file names
        GraphRewrites.Result rewritten = GraphRewrites.apply(proto);
        // a model whose fused attention was rewritten is checked against itself at every open, so never cached
        byte[] unrewritten = rewritten.fusedRewrite() ? (source != null ? source : proto.toByteArray()) : null;
        source = null;
        proto = rewritten.model();
        GraphAnalysis analysis = analyse(model, proto).withRewrites(rewritten.notes());
        checkCapturable(model, analysis);
        if (cached && !analysis.externalData() && unrewritten == null) {
            Optional<ModelCache.Entry> entry = cache.lookup(sha, options.valueNorms()).entry();
            if (entry.isEmpty()) {
                try {
                    entry = Optional.of(cache.build(sha, proto, analysis, options.valueNorms()));
                    cache.evict(ModelCache.DEFAULT_MAX_BYTES, sha);
                } catch (UncheckedIOException e) {
                    entry = Optional.empty();       // read-only or full cache directory: open without it
                }
            }
            if (entry.isPresent()) {
                return fromEntry(model, sha, entry.get());
            }
        }
        ModelProto exposed = analysis.withAttentionOutputs(proto, options.valueNorms());
        if (unrewritten != null) {
            // the decomposition shares masks across nodes, leaving the model's own per-node mask casts unused
            exposed = GraphRewrites.withoutUnusedNodes(exposed);
        }
        byte[] modified = exposed.toByteArray();
        return new Prepared(sha, analysis, modified, model.toAbsolutePath().getParent(), false, unrewritten);
    }

    static Prepared fromEntry(Path model, String sha, ModelCache.Entry entry) {
        checkCapturable(model, entry.analysis());
        return new Prepared(sha, entry.analysis(), entry.model(), entry.directory(), true, null);
    }

    static FileFingerprints.Stat stat(Path model) {
        try {
            return FileFingerprints.Stat.of(model);
        } catch (IOException e) {
            return null;
        }
    }

    static HfTokenizer join(FutureTask<HfTokenizer> load) {
        try {
            return load.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelException("interrupted while loading the tokenizer", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new ModelException("cannot load the tokenizer: " + e.getCause(), e.getCause());
        }
    }

    static HfTokenizer joinQuietly(FutureTask<HfTokenizer> load) {
        try {
            return load.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            return null;
        }
    }

    static byte[] readModel(Path model) {
        checkModelFile(model);
        try {
            return Files.readAllBytes(model);
        } catch (IOException e) {
            throw new ModelException("cannot read model file " + model + ": " + e.getMessage(), e);
        }
    }

    /** The size of {@code model} after checking it is a non-empty file under 2 GiB. */
    static long checkModelFile(Path model) {
        Objects.requireNonNull(model, "model");
        if (Files.isDirectory(model)) {
            throw new ModelException("model path " + model + " is a directory; expected an .onnx file");
        }
        if (!Files.exists(model)) {
            throw new ModelException("model file " + model + " does not exist");
        }
        try {
            long size = Files.size(model);
            if (size == 0) {
                throw new ModelException("model file " + model + " is empty (0 bytes); expected an ONNX model");
            }
            if (size > Integer.MAX_VALUE - 8) {
                throw new ModelException("model file " + model + " is " + size + " bytes; models over 2 GiB must "
                        + "keep their weights in external data files");
            }
            return size;
        } catch (IOException e) {
            throw new ModelException("cannot read model file " + model + ": " + e.getMessage(), e);
        }
    }

    static ModelProto parse(Path model, byte[] bytes) {
        ModelProto proto;
        try {
            proto = ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            // the parser's own words ("end-group tag did not match…") say nothing to a user: the file is not ONNX
            throw new ModelException("model file " + model + " is not a valid ONNX model (damaged or truncated "
                    + "protobuf)", e);
        }
        if (!proto.hasGraph() || proto.getGraph().getNodeCount() == 0 || proto.getOpsetImportCount() == 0) {
            throw new ModelException("model file " + model + " is not a valid ONNX model (it parses as protobuf "
                    + "but has no graph nodes or no opset)");
        }
        return proto;
    }

    static GraphAnalysis analyse(Path model, ModelProto proto) {
        try {
            return GraphAnalysis.of(proto);
        } catch (IllegalArgumentException e) {
            throw new ModelException("model file " + model + " is not a valid ONNX model: " + e.getMessage(), e);
        }
    }

    static void checkCapturable(Path model, GraphAnalysis analysis) {
        if (!analysis.fusedOps().isEmpty()) {
            throw new ModelException((analysis.softmaxes().isEmpty() ? "no attention Softmax found in "
                    : "attention is partly fused in ") + model.getFileName() + "; found fused op "
                    + String.join(", ", analysis.fusedOps()) + whyNotRewritten(analysis.fusedOps())
                    + ": export the model without fused attention "
                    + "(eager/unfused attention, e.g. attn_implementation=\"eager\") and without ONNX Runtime "
                    + "transformer optimizations");
        }
        if (analysis.softmaxes().isEmpty() && !analysis.subgraphAttention().isEmpty()) {
            throw new ModelException("the Softmax nodes of " + model.getFileName() + " sit inside the subgraph of "
                    + String.join(", ", analysis.subgraphAttention()) + ", which model-io cannot expose (only an "
                    + "optimum merged decoder's If on use_cache_branch is lifted); export the model without "
                    + "--legacy (one model.onnx without If) or use decoder_model.onnx");
        }
        if (analysis.softmaxes().isEmpty()) {
            throw new ModelException("no attention Softmax found in " + model.getFileName()
                    + ": no Softmax feeds a MatMul with a value tensor (ops: " + analysis.opSummary()
                    + "); capture needs a transformer that computes attention explicitly");
        }
    }

    static Optional<Path> findTokenizer(Path model, CaptureOptions options) {
        if (options.tokenizer().isPresent()) {
            return options.tokenizer();
        }
        Path dir = model.toAbsolutePath().getParent();
        String name = model.getFileName().toString();
        String stem = name.endsWith(".onnx") ? name.substring(0, name.length() - 5) : name;
        for (Path candidate : List.of(dir.resolve(stem + "-tokenizer.json"), dir.resolve("tokenizer.json"))) {
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Why model-io left a fused op as it is (it rewrites com.microsoft.Attention/MultiHeadAttention otherwise). */
    private static String whyNotRewritten(List<String> fused) {
        String all = String.join(" ", fused);
        if (all.contains("GroupQueryAttention")) {
            return ", which cannot be rewritten (rotary embedding and the KV-head mapping run inside the kernel, "
                    + "e.g. from convert_to_onnx --use_gqa or onnxruntime-genai)";
        }
        if (all.contains("com.microsoft.Attention") || all.contains("com.microsoft.MultiHeadAttention")) {
            return ", in a layout model-io cannot rewrite (rotary inside the op, shared past buffer, no bias, "
                    + "packed QKV input, length-style mask or qk output)";
        }
        return "";
    }
}
