// A one-node ONNX model, encoded by hand in protobuf wire format, so the bench needs no .onnx files
// and no protobuf library. Field numbers are those of onnx.proto3 (ModelProto, GraphProto, NodeProto,
// AttributeProto, ValueInfoProto, TypeProto, TensorShapeProto, OperatorSetIdProto).

const ONNX_ELEMENT_TYPE = { float32: 1, uint8: 2 };
const ATTRIBUTE_TYPE = { INT: 2, INTS: 7 };
const WIRE_VARINT = 0;
const WIRE_BYTES = 2;

function varint(value) {
  const bytes = [];
  let rest = BigInt(value);
  if (rest < 0n) rest += 1n << 64n; // int64 fields: two's complement over ten bytes
  do {
    const low = Number(rest & 0x7fn);
    rest >>= 7n;
    bytes.push(rest > 0n ? low | 0x80 : low);
  } while (rest > 0n);
  return bytes;
}

const key = (field, wireType) => varint((field << 3) | wireType);
const intField = (field, value) => [...key(field, WIRE_VARINT), ...varint(value)];
const bytesField = (field, bytes) => [...key(field, WIRE_BYTES), ...varint(bytes.length), ...bytes];
const stringField = (field, text) => bytesField(field, [...new TextEncoder().encode(text)]);

function attribute(name, value) {
  if (Array.isArray(value)) {
    return [...stringField(1, name), ...intField(20, ATTRIBUTE_TYPE.INTS), ...value.flatMap((v) => intField(8, v))];
  }
  return [...stringField(1, name), ...intField(20, ATTRIBUTE_TYPE.INT), ...intField(3, value)];
}

function valueInfo(name, elementType, shape) {
  const dims = shape.flatMap((size) => bytesField(1, intField(1, size)));
  const tensorType = [...intField(1, ONNX_ELEMENT_TYPE[elementType]), ...bytesField(2, dims)];
  return [...stringField(1, name), ...bytesField(2, bytesField(1, tensorType))];
}

/**
 * Serialises a model whose graph is the single node `opType(x) -> y`.
 * @param {{ opType: string, domain?: string, attributes?: Record<string, number | number[]>,
 *   elementType: 'float32' | 'uint8', inputShape: number[], outputShape: number[] }} spec
 * @returns {Uint8Array} the ModelProto bytes, for `InferenceSession.create(bytes)`
 */
export function encodeSingleOpModel({ opType, domain = '', attributes = {}, elementType, inputShape, outputShape }) {
  const node = [
    ...stringField(1, 'x'),
    ...stringField(2, 'y'),
    ...stringField(4, opType),
    ...Object.entries(attributes).flatMap(([name, value]) => bytesField(5, attribute(name, value))),
    ...(domain ? stringField(7, domain) : []),
  ];
  const graph = [
    ...bytesField(1, node),
    ...stringField(2, 'bench'),
    ...bytesField(11, valueInfo('x', elementType, inputShape)),
    ...bytesField(12, valueInfo('y', elementType, outputShape)),
  ];
  const opsets = [bytesField(8, intField(2, 17))]; // default domain, opset 17
  if (domain) opsets.push(bytesField(8, [...stringField(1, domain), ...intField(2, 1)]));
  const model = [...intField(1, 8), ...opsets.flat(), ...bytesField(7, graph)]; // ir_version 8
  return Uint8Array.from(model);
}
