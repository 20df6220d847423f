"""A minimal search window (the full agent window is built in its own issue)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QMainWindow, QVBoxLayout, QWidget

from kb_app.index import KnowledgeIndex


class MainWindow(QMainWindow):
    def __init__(self, kb: KnowledgeIndex) -> None:
        super().__init__()
        self.setWindowTitle("Gyan")
        self.kb = kb
        kb.sync()
        self.searcher = kb.searcher()
        self.box = QLineEdit(placeholderText="Search articles…")
        self.results = QListWidget()
        self.status = QLabel()
        layout = QVBoxLayout()
        for widget in (self.box, self.results, self.status):
            layout.addWidget(widget)
        central = QWidget()
        central.setLayout(layout)
        self.setCentralWidget(central)
        self.box.textChanged.connect(self.search)
        self.resize(800, 600)

    def search(self, text: str) -> None:
        response = self.searcher.search(text)
        self.results.clear()
        self.results.addItems([hit.title for hit in response.results])
        self.status.setText(f"{response.total} result(s)")
