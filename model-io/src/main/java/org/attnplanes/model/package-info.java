/**
 * Opening ONNX transformers and capturing their attention: {@code AttentionModel} (open, capture, run),
 * attention discovery by ONNX graph surgery, tokenization of text with a Hugging Face {@code tokenizer.json}.
 */
package org.attnplanes.model;
