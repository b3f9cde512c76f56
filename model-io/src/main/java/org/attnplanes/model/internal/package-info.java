/**
 * Internal machinery of model-io (ONNX graph analysis and surgery, the ONNX Runtime session, the
 * tokenizer adapter, hashing). Not exported: nothing here is API and it may change at any time.
 */
package org.attnplanes.model.internal;
