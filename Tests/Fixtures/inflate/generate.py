#!/usr/bin/env python3
"""Makes the inflate test vectors in this folder (see README.md). Deterministic: run it again
and `git diff` shows nothing. Uses only Python's standard zlib, random (seeded) and struct."""
import os, random, struct, zlib

HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(20261202)

def skewed(n):
    # Geometric-ish byte frequencies: a dynamic Huffman code with lengths up to 15 bits,
    # so the decoder's slow path (codes longer than its fast table) is exercised.
    out = bytearray()
    for _ in range(n):
        k = 0
        while k < 255 and rng.random() < 0.55:
            k += 1
        out.append(k)
    return bytes(out)

xml_row = '<row r="{0}"><c r="A{0}" t="s"><v>{0}</v></c><c r="B{0}"><v>7.4999999999999991</v></c></row>'
inputs = {
    'empty': b'',
    'one-byte': b'a',
    'text': ('Trường THCS Sông Mây — sổ điểm lớp 6A1. ' * 40).encode('utf-8'),
    'sheet-xml': ('<sheetData>' + ''.join(xml_row.format(i) for i in range(1, 120)) + '</sheetData>').encode(),
    'random': bytes(rng.getrandbits(8) for _ in range(3000)),  # incompressible: stored blocks
    'skewed': skewed(8000),
    'run': b'z' * 70000,  # runs longer than one stored block (65 535) and many 258-byte matches
}

strategies = {
    'default': zlib.Z_DEFAULT_STRATEGY,
    'filtered': zlib.Z_FILTERED,
    'huffman': zlib.Z_HUFFMAN_ONLY,
    'rle': zlib.Z_RLE,
    'fixed': zlib.Z_FIXED,
}
levels = [0, 1, 6, 9]

def deflate(data, level, strategy):
    c = zlib.compressobj(level, zlib.DEFLATED, -15, 9, strategy)
    return c.compress(data) + c.flush()

manifest = []
os.makedirs(os.path.join(HERE, 'inputs'), exist_ok=True)
os.makedirs(os.path.join(HERE, 'streams'), exist_ok=True)
for name, data in inputs.items():
    with open(os.path.join(HERE, 'inputs', name + '.bin'), 'wb') as f:
        f.write(data)
    for level in levels:
        for sname, strategy in strategies.items():
            if level == 0 and sname != 'default':
                continue  # level 0 (stored blocks) ignores the strategy
            stream = deflate(data, level, strategy)
            key = f'{name}-l{level}-{sname}'
            with open(os.path.join(HERE, 'streams', key + '.deflate'), 'wb') as f:
                f.write(stream)
            assert zlib.decompress(stream, -15) == data
            manifest.append((key, name, len(data), zlib.crc32(data) & 0xffffffff))

# Hand-made streams, each with the error the decoder must report (see README.md).
def bits_to_bytes(bits):
    out, acc, n = bytearray(), 0, 0
    for b in bits:
        acc |= b << n
        n += 1
        if n == 8:
            out.append(acc); acc, n = 0, 0
    if n:
        out.append(acc)
    return bytes(out)

def fixed_code(sym):
    # The fixed literal/length code as a list of bits in stream order (MSB of the code first).
    if sym < 144: code, n = 0x30 + sym, 8
    elif sym < 256: code, n = 0x190 + sym - 144, 9
    elif sym < 280: code, n = sym - 256, 7
    else: code, n = 0xc0 + sym - 280, 8
    return [(code >> (n - 1 - i)) & 1 for i in range(n)]

text = deflate(inputs['text'], 6, zlib.Z_DEFAULT_STRATEGY)
corrupt = {
    # Type 3 is reserved: BFINAL=1, BTYPE=11.
    'reserved-type': (bytes([0b111]), 'invalidBlockType'),
    # A stored block whose NLEN is not the complement of LEN.
    'stored-nlen': (bytes([0x01, 0x05, 0x00, 0x00, 0x00]) + b'hello', 'storedLengthMismatch'),
    # A stored block that promises 5 bytes and has 2.
    'stored-short': (bytes([0x01, 0x05, 0x00, 0xfa, 0xff]) + b'he', 'truncated'),
    # A fixed block whose first symbol is a match (length 3, distance 1) with nothing written.
    'distance-before-start': (bits_to_bytes([1, 1, 0] + fixed_code(257) + [0, 0, 0, 0, 0] + fixed_code(256)), 'distanceTooFar'),
    # A fixed block with literal/length symbol 286, which no block may use.
    'fixed-symbol-286': (bits_to_bytes([1, 1, 0] + fixed_code(97) + fixed_code(286)), 'invalidSymbol'),
    # A fixed block using distance code 30.
    'fixed-distance-30': (bits_to_bytes([1, 1, 0] + fixed_code(97) + fixed_code(257) + [1, 1, 1, 1, 0] + fixed_code(256)), 'invalidSymbol'),
    # A dynamic block whose code-length code gives four symbols one bit each: over-subscribed.
    'dynamic-oversubscribed': (bits_to_bytes([1, 0, 1] + [0] * 5 + [0] * 5 + [0, 0, 0, 0] + [1, 0, 0] * 4), 'invalidCodeLengths'),
    # A dynamic block whose code-length code has a single 2-bit code: incomplete.
    'dynamic-incomplete': (bits_to_bytes([1, 0, 1] + [0] * 5 + [0] * 5 + [0, 0, 0, 0] + [0, 1, 0] + [0, 0, 0] * 3), 'invalidCodeLengths'),
    # HLIT = 30 + 257 = 287 literal/length codes: more than 286.
    'dynamic-too-many': (bits_to_bytes([1, 0, 1] + [0, 1, 1, 1, 1] + [0] * 5 + [0, 0, 0, 0] + [0] * 12), 'tooManyCodes'),
    # A good stream cut in half.
    'truncated-half': (text[: len(text) // 2], 'truncated'),
    # A non-final empty stored block and then nothing.
    'no-final-block': (bytes([0x00, 0x00, 0x00, 0xff, 0xff]), 'truncated'),
}
os.makedirs(os.path.join(HERE, 'corrupt'), exist_ok=True)
with open(os.path.join(HERE, 'corrupt', 'expected.tsv'), 'w') as f:
    f.write('# stream\terror\n')
    for name, (stream, error) in corrupt.items():
        with open(os.path.join(HERE, 'corrupt', name + '.deflate'), 'wb') as g:
            g.write(stream)
        try:
            zlib.decompress(stream, -15)
            raise SystemExit(f'{name}: zlib accepts it')
        except zlib.error:
            pass
        f.write(f'{name}\t{error}\n')

with open(os.path.join(HERE, 'manifest.tsv'), 'w') as f:
    f.write('# stream\tinput\tsize\tcrc32\n')
    for key, name, size, crc in manifest:
        f.write(f'{key}\t{name}\t{size}\t{crc:08x}\n')
print(len(manifest), 'streams,', len(corrupt), 'corrupt streams')
