"""Writes a FileDescriptorSet of the Spark Connect protocol, taken from the
descriptors compiled into the installed pyspark package, and prints the
proto file names it contains (dependencies first)."""
import importlib
import pkgutil
import sys

from google.protobuf import descriptor_pb2

import pyspark.sql.connect.proto as proto_pkg


def main(out_path: str) -> None:
    files = {}
    for mod in pkgutil.iter_modules(proto_pkg.__path__):
        if not mod.name.endswith("_pb2"):
            continue
        m = importlib.import_module(f"pyspark.sql.connect.proto.{mod.name}")
        files[m.DESCRIPTOR.name] = m.DESCRIPTOR

    ordered, seen = [], set()

    def visit(fd):
        if fd.name in seen:
            return
        seen.add(fd.name)
        for dep in fd.dependencies:
            visit(dep)
        ordered.append(fd)

    for name in sorted(files):
        visit(files[name])

    fds = descriptor_pb2.FileDescriptorSet()
    for fd in ordered:
        p = descriptor_pb2.FileDescriptorProto()
        fd.CopyToProto(p)
        fds.file.append(p)
        print(fd.name)
    with open(out_path, "wb") as f:
        f.write(fds.SerializeToString())


if __name__ == "__main__":
    main(sys.argv[1])
