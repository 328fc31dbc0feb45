#!/usr/bin/env python3
"""Branchline GPU worker, reference implementation (Python 3 standard library only).

Connects to a Branchline engine's worker bridge (the Vert.x TCP event bus bridge that
`./branchline serve --worker-bridge PORT` opens), says hello with the model it runs, and
answers generate jobs with PNG frames. The protocol is documented in docs/scale-out.md
("Workers in any language") and docs/worker-protocol.schema.json.

Its default generator is TRIVIAL: flat colours and a moving bar, no model at all. It exists
to show and test the protocol. To serve a real model, replace `generate_frames` (or pass
--generator module:function) with a function of the same signature, e.g. one that runs a
diffusion pipeline, and declare that model's identity with --model-name/--model-version/
--model-hash: the identity goes into the engine's content keys and Content Credentials.
"""

import argparse
import base64
import hashlib
import importlib
import json
import os
import socket
import struct
import sys
import threading
import uuid
import zlib

PROTOCOL = 1
HELLO = "branchline.workers.hello"
RESULTS = "branchline.results"
WORKER_PREFIX = "branchline.worker."
FRAMES_PER_MESSAGE = 8

TRIVIAL_MODEL = {
    "name": "branchline-reference-trivial",
    "version": "1",
    # A digest of this generator's rules, so that changing them changes the content keys.
    "hash": "sha256:" + hashlib.sha256(b"branchline-reference-trivial/1: colour from sha256(prompt|seed), bar at frame*8").hexdigest()[:32],
}


# --------------------------------------------------------------------------------------
# The generator: plug a real model in here.
# --------------------------------------------------------------------------------------

def trivial_colour(prompt, seed):
    """The background colour of the trivial generator: the first three bytes of sha256(prompt|seed)."""
    digest = hashlib.sha256(("%s|%d" % (prompt, seed)).encode("utf-8")).digest()
    return digest[0], digest[1], digest[2]


def generate_frames(prompt, seed, width, height, frames, fps):
    """Returns `frames` frames of `width` x `height` as raw RGB bytes (3 bytes a pixel, rows top to bottom).

    THIS IS A TRIVIAL GENERATOR, NOT A MODEL: a flat colour that depends on the prompt and the
    seed, and a white vertical bar 8 pixels wide that moves 8 pixels a frame. A diffusion
    pipeline takes its place by returning its own frames in the same form (e.g. a PIL image's
    `.convert("RGB").tobytes()`). The same prompt and seed must give the same frames: the
    engine keys stored video by them.

    A generator may also be a generator function (yield frames one at a time): frames are then
    sent to the engine as they come, and the engine encodes while the rest are made.
    """
    r, g, b = trivial_colour(prompt, seed)
    background = bytes((r, g, b))
    white = b"\xff\xff\xff"
    for i in range(frames):
        x0 = (i * 8) % max(1, width)
        x1 = min(width, x0 + 8)
        row = background * x0 + white * (x1 - x0) + background * (width - x1)
        yield row * height


# --------------------------------------------------------------------------------------
# PNG writing (zlib + struct): 8-bit RGB, no filter.
# --------------------------------------------------------------------------------------

def png(rgb, width, height):
    if len(rgb) != width * height * 3:
        raise ValueError("a frame of %dx%d needs %d bytes of RGB, not %d" % (width, height, width * height * 3, len(rgb)))
    stride = width * 3
    raw = b"".join(b"\x00" + rgb[y * stride:(y + 1) * stride] for y in range(height))

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b"")


# --------------------------------------------------------------------------------------
# The Vert.x TCP event bus bridge: 4-byte big-endian length, then a JSON object.
# --------------------------------------------------------------------------------------

class Bridge:
    def __init__(self, host, port):
        self.sock = socket.create_connection((host, port))
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.lock = threading.Lock()

    def write(self, message):
        data = json.dumps(message, separators=(",", ":")).encode("utf-8")
        with self.lock:
            self.sock.sendall(struct.pack(">I", len(data)) + data)

    def read(self):
        header = self._exactly(4)
        if header is None:
            return None
        (length,) = struct.unpack(">I", header)
        body = self._exactly(length)
        if body is None:
            return None
        return json.loads(body.decode("utf-8"))

    def _exactly(self, n):
        parts = []
        while n > 0:
            part = self.sock.recv(min(n, 1 << 20))
            if not part:
                return None
            parts.append(part)
            n -= len(part)
        return b"".join(parts)

    def register(self, address):
        self.write({"type": "register", "address": address})

    def send(self, address, body, reply_address=None):
        message = {"type": "send", "address": address, "body": body}
        if reply_address:
            message["replyAddress"] = reply_address
        self.write(message)

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass


# --------------------------------------------------------------------------------------
# The worker.
# --------------------------------------------------------------------------------------

def log(text):
    print("worker: " + text, file=sys.stderr, flush=True)


def run_job(bridge, job, generator):
    job_id = job["job"]
    width, height, count = job["width"], job["height"], job["frames"]
    limit = int(job.get("maxMessageBytes", 16 << 20)) - 4096  # room for the JSON around the frames
    result_address = job.get("resultAddress", RESULTS)
    log("job %s: %d frames of %dx%d for %r (seed %d)" % (job_id, count, width, height, job["prompt"], job["seed"]))
    batch, batch_bytes, first, sent = [], 0, 0, 0

    def flush():
        nonlocal batch, batch_bytes, first
        if batch:
            bridge.send(result_address, {"type": "frames", "job": job_id, "first": first, "frames": batch})
            first += len(batch)
            batch, batch_bytes = [], 0

    try:
        for rgb in generator(job["prompt"], job["seed"], width, height, count, job["fps"]):
            encoded = base64.b64encode(png(rgb, width, height)).decode("ascii")
            if batch and batch_bytes + len(encoded) > limit:
                flush()
            batch.append(encoded)
            batch_bytes += len(encoded) + 3
            sent += 1
            if len(batch) >= FRAMES_PER_MESSAGE:
                flush()  # the engine encodes while the rest are made
        flush()
        bridge.send(result_address, {"type": "done", "job": job_id, "frames": sent})
    except Exception as e:  # the job fails, the worker goes on
        log("job %s failed: %s" % (job_id, e))
        bridge.send(result_address, {"type": "failed", "job": job_id, "message": "%s: %s" % (type(e).__name__, e)})


def load_generator(spec):
    if not spec:
        return generate_frames
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name or "generate_frames")


def main(argv=None):
    parser = argparse.ArgumentParser(description="Branchline reference GPU worker (trivial generator by default).")
    parser.add_argument("--host", default="localhost", help="the engine's worker bridge host (default localhost)")
    parser.add_argument("--port", type=int, required=True, help="the engine's worker bridge port (serve --worker-bridge PORT)")
    parser.add_argument("--id", default="py-" + uuid.uuid4().hex[:8], help="this worker's id (letters, digits, . _ -)")
    parser.add_argument("--generator", help="module:function to use instead of the trivial generator")
    parser.add_argument("--model-name", help="the model's name (required with --generator)")
    parser.add_argument("--model-version", default="1")
    parser.add_argument("--model-hash", help="a digest of the model's weights or code")
    parser.add_argument("--max-jobs", type=int, default=0, help="exit after this many jobs (0: run until the engine goes)")
    args = parser.parse_args(argv)

    generator = load_generator(args.generator)
    if args.generator:
        if not args.model_name or not args.model_hash:
            parser.error("--generator needs --model-name and --model-hash: the engine keys and labels video by them")
        model = {"name": args.model_name, "version": args.model_version, "hash": args.model_hash}
    else:
        model = TRIVIAL_MODEL

    bridge = Bridge(args.host, args.port)
    address = WORKER_PREFIX + args.id
    bridge.register(address)
    reply_address = "hello-" + uuid.uuid4().hex
    bridge.send(HELLO, {"protocol": PROTOCOL, "worker": args.id, "model": model}, reply_address)
    jobs = 0
    while True:
        message = bridge.read()
        if message is None:
            log("the engine closed the connection")
            return 0
        kind = message.get("type")
        if kind == "err":
            log("the engine refused: %s" % message.get("message"))
            if message.get("address") == reply_address:
                return 2  # the hello was refused: nothing to do here
            continue
        if kind != "message":
            continue
        if message.get("address") == reply_address:
            log("connected as %s, model %s %s (%s)" % (args.id, model["name"], model["version"], model["hash"]))
            print("READY", flush=True)  # for scripts and tests that start the worker
            continue
        body = message.get("body") or {}
        if message.get("address") == address and body.get("type") == "generate":
            if body.get("protocol") != PROTOCOL:
                bridge.send(RESULTS, {"type": "failed", "job": body.get("job", "?"),
                                      "message": "this worker speaks protocol %d, not %s" % (PROTOCOL, body.get("protocol"))})
                continue
            run_job(bridge, body, generator)
            jobs += 1
            if args.max_jobs and jobs >= args.max_jobs:
                bridge.close()
                return 0


if __name__ == "__main__":
    sys.exit(main())
