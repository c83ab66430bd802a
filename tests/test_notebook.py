"""notebooks/explore.ipynb runs from top to bottom on the bundled corpus, so it cannot rot."""
import nbformat
from nbclient import NotebookClient

from .conftest import REPO


def test_explore_notebook_runs(tmp_path, monkeypatch):
    monkeypatch.setenv("POLYCORPUS_CORPUS", str(REPO / "corpus"))
    monkeypatch.setenv("POLYCORPUS_OUT", str(tmp_path))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    nb = nbformat.read(REPO / "notebooks" / "explore.ipynb", as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(REPO / "notebooks")}}).execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    text = "\n".join(o.get("text", "") for o in outputs if o.get("output_type") == "stream")
    assert "page pairs: 1" in text  # the build cell printed its run summary
    assert (tmp_path / "out" / "pairs" / "en-sr_Latn").is_dir()
