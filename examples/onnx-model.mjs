// A small ONNX model writer, protobuf wire format by hand, so the examples and the benchmark need
// no .onnx files and no protobuf library. Field numbers are those of onnx.proto3 (ModelProto,
// GraphProto, NodeProto, AttributeProto, TensorProto, ValueInfoProto, TypeProto, TensorShapeProto,
// OperatorSetIdProto).

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

// A dim is a size, or a name (dim_param) for a size the model takes at run time.
function valueInfo(name, elementType, shape) {
  const dims = shape.flatMap((size) => bytesField(1, typeof size === 'string' ? stringField(2, size) : intField(1, size)));
  const tensorType = [...intField(1, ONNX_ELEMENT_TYPE[elementType]), ...bytesField(2, dims)];
  return [...stringField(1, name), ...bytesField(2, bytesField(1, tensorType))];
}

// A float32 constant (TensorProto: dims, data_type, name, raw_data little-endian).
function initializer({ name, dims, values }) {
  const raw = new Uint8Array(Float32Array.from(values).buffer);
  return [
    ...dims.flatMap((size) => intField(1, size)),
    ...intField(2, ONNX_ELEMENT_TYPE.float32),
    ...stringField(8, name),
    ...bytesField(9, [...raw]),
  ];
}

function node({ opType, inputs, outputs, domain = '', attributes = {} }) {
  return [
    ...inputs.flatMap((name) => stringField(1, name)),
    ...outputs.flatMap((name) => stringField(2, name)),
    ...stringField(4, opType),
    ...Object.entries(attributes).flatMap(([name, value]) => bytesField(5, attribute(name, value))),
    ...(domain ? stringField(7, domain) : []),
  ];
}

/**
 * Serialises a model.
 * @param {{ nodes: { opType: string, inputs: string[], outputs: string[], domain?: string,
 *     attributes?: Record<string, number | number[]> }[],
 *   inputs: { name: string, elementType: 'float32' | 'uint8', shape: (number | string)[] }[],
 *   outputs: { name: string, elementType: 'float32' | 'uint8', shape: (number | string)[] }[],
 *   initializers?: { name: string, dims: number[], values: ArrayLike<number> }[] }} graph
 * @returns {Uint8Array} the ModelProto bytes, for `InferenceSession.create(bytes)`
 */
export function encodeModel({ nodes, inputs, outputs, initializers = [] }) {
  const graph = [
    ...nodes.flatMap((n) => bytesField(1, node(n))),
    ...stringField(2, 'poolnd'),
    ...initializers.flatMap((tensor) => bytesField(5, initializer(tensor))),
    ...inputs.flatMap(({ name, elementType, shape }) => bytesField(11, valueInfo(name, elementType, shape))),
    ...outputs.flatMap(({ name, elementType, shape }) => bytesField(12, valueInfo(name, elementType, shape))),
  ];
  const opsets = [bytesField(8, intField(2, 17))]; // default domain, opset 17
  for (const domain of new Set(nodes.map((n) => n.domain).filter(Boolean))) {
    opsets.push(bytesField(8, [...stringField(1, domain), ...intField(2, 1)]));
  }
  const model = [...intField(1, 8), ...opsets.flat(), ...bytesField(7, graph)]; // ir_version 8
  return Uint8Array.from(model);
}

/**
 * A model whose graph is the single node `opType(x) -> y`.
 * @param {{ opType: string, domain?: string, attributes?: Record<string, number | number[]>,
 *   elementType: 'float32' | 'uint8', inputShape: number[], outputShape: number[] }} spec
 */
export function encodeSingleOpModel({ opType, domain = '', attributes = {}, elementType, inputShape, outputShape }) {
  return encodeModel({
    nodes: [{ opType, inputs: ['x'], outputs: ['y'], domain, attributes }],
    inputs: [{ name: 'x', elementType, shape: inputShape }],
    outputs: [{ name: 'y', elementType, shape: outputShape }],
  });
}
