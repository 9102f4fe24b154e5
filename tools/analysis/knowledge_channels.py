#!/usr/bin/python3
"""Do knowledge flows raise innovation: a launcher of
clustersim.analysis.knowledge_channels (tools/python), which documents the arms."""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "python"))
from clustersim.analysis.knowledge_channels import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
