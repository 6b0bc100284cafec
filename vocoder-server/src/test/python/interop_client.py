# SPDX-License-Identifier: GPL-3.0-or-later
"""A flowvox client in Python on grpcio (gRPC's C core), for PythonClientInteropTest.

Usage: interop_client.py HOST:PORT DESCRIPTOR_SET WAV_FILE

Loads the API from the FileDescriptorSet the proto jar carries (flowvox/v1/vocoder.desc), so it needs
no generated code, calls every RPC once the way an integrator would, and prints one JSON object per
line: {"call": ..., ...}. Needs Debian's python3-grpcio and python3-protobuf.
"""
import json
import struct
import sys

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

target, descriptor_path, wav_path = sys.argv[1:4]
pool = descriptor_pool.DescriptorPool()
with open(descriptor_path, "rb") as f:
    for proto in descriptor_pb2.FileDescriptorSet.FromString(f.read()).file:
        pool.Add(proto)


def message(name):
    descriptor = pool.FindMessageTypeByName("flowvox.v1." + name)
    if hasattr(message_factory, "GetMessageClass"):
        return message_factory.GetMessageClass(descriptor)
    return message_factory.MessageFactory(pool).GetPrototype(descriptor)


channel = grpc.insecure_channel(target)
serialize = lambda m: m.SerializeToString()


def unary(method, response):
    return channel.unary_unary("/flowvox.v1.Vocoder/" + method, request_serializer=serialize,
                               response_deserializer=message(response).FromString)


def emit(**fields):
    print(json.dumps(fields), flush=True)


models = unary("ListModels", "ListModelsResponse")(message("ListModelsRequest")(), timeout=30)
emit(call="ListModels", ids=[m.id for m in models.models], default=models.default_model_id,
     score_default=models.default_score_model_id)

info = unary("GetModel", "ModelInfo")(message("GetModelRequest")(model_id=models.default_model_id), timeout=30)
n_mel, rate = info.n_mel, info.sample_rate
emit(call="GetModel", id=info.id, n_mel=n_mel, hop=info.hop_length, sample_rate=rate,
     default_sigma=info.default_sigma)

frames = 40
values = [-6.0 + 0.01 * ((t * 7 + b) % 50) for t in range(frames) for b in range(n_mel)]
mel = message("MelSpectrogram")(n_mel=n_mel, data=struct.pack("<%df" % len(values), *values))
options = message("SynthesisOptions")(seed=5, encoding=2)  # FLOAT32
request = message("SynthesizeRequest")(options=options, mel=mel)
stream = channel.unary_stream("/flowvox.v1.Vocoder/Synthesize", request_serializer=serialize,
                              response_deserializer=message("AudioChunk").FromString)
chunks = list(stream(request, timeout=120))
emit(call="Synthesize", chunks=len(chunks), samples=sum(c.samples for c in chunks),
     bytes=sum(len(c.data) for c in chunks), first_samples=[c.first_sample for c in chunks])


def pieces():
    yield message("SynthesizeStreamRequest")(options=options)
    for start in range(0, frames, 13):
        part = values[start * n_mel:min(frames, start + 13) * n_mel]
        yield message("SynthesizeStreamRequest")(
            mel=message("MelSpectrogram")(n_mel=n_mel, data=struct.pack("<%df" % len(part), *part)))


bidi = channel.stream_stream("/flowvox.v1.Vocoder/SynthesizeStream", request_serializer=serialize,
                             response_deserializer=message("AudioChunk").FromString)
streamed = list(bidi(pieces(), timeout=120))
emit(call="SynthesizeStream", samples=sum(c.samples for c in streamed),
     same_audio=b"".join(c.data for c in streamed) == b"".join(c.data for c in chunks))

with open(wav_path, "rb") as f:
    wav = f.read()
score = unary("Score", "ScoreResponse")(message("ScoreRequest")(wav=wav), timeout=120)
emit(call="Score", model=score.model_id, nats_per_sample=score.nats_per_sample, segments=len(score.segments),
     scored_samples=score.scored_samples, has_verdict=score.HasField("verdict"))

try:
    unary("Score", "ScoreResponse")(message("ScoreRequest")(wav=b"RIFF\x00"), timeout=30)
    emit(call="BadScore", code="OK")
except grpc.RpcError as error:
    emit(call="BadScore", code=error.code().name, details=error.details())

health = channel.unary_unary("/grpc.health.v1.Health/Check", request_serializer=lambda raw: raw,
                             response_deserializer=lambda raw: raw)(b"", timeout=30)
emit(call="Health", serving=health == b"\x08\x01")
