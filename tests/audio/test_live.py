"""The live files a briefing is followed by while it is made: the journal, the ID3 skip, stream slots."""

from __future__ import annotations

import io
from pathlib import Path

from audiobrief.audio.assemble import ChunkWriter
from audiobrief.audio.live import JournalReader, LiveJournal, id3_length, live_paths
from audiobrief.model import Cue
from audiobrief.server.config import Settings
from audiobrief.server.routes.stream import LiveSource, StreamSlots


def test_the_journal_is_read_as_it_grows_whole_lines_only(tmp_path: Path) -> None:
    path = tmp_path / "j.live"
    journal = LiveJournal(path)
    reader = JournalReader(path.open("rb"))
    journal.audio(100)
    journal.cue(Cue("a0-p0-s0", 250, 1900, "Ferries & <trains> run.", "Ferries and trains run."))
    reader.refresh()
    assert (reader.committed, reader.ended) == (100, False)
    assert reader.cues == [{"id": "a0-p0-s0", "start_ms": 250, "end_ms": 1900,
                            "written": "Ferries & <trains> run."}]
    journal.handle.write('{"bytes": 2')  # a line being written: not read until it ends
    journal.handle.flush()
    reader.refresh()
    assert reader.committed == 100
    journal.handle.write('00}\n')
    journal.end(300)
    reader.refresh()
    assert (reader.committed, reader.ended) == (300, True)
    journal.close()
    reader.close()


def test_id3_length_counts_the_syncsafe_size_and_footer() -> None:
    assert id3_length(b"ID3\x03\x00\x00\x00\x00\x01\x7f") == 10 + 255
    assert id3_length(b"ID3\x04\x00\x10\x00\x00\x00\x05") == 10 + 5 + 10
    assert id3_length(b"\xff\xfb\x50\xc4" + bytes(6)) == 0
    assert id3_length(b"ID3") == 0


def test_a_tagged_mp3s_frames_follow_its_tag(tmp_path: Path) -> None:
    from audiobrief.audio.tags import BriefingMeta, write_tags

    frames = b"\xff\xfb\x50\xc4" + bytes(204)
    mp3 = tmp_path / "a.mp3"
    mp3.write_bytes(frames)
    write_tags(mp3, BriefingMeta("Ferries", "Desk"), [])
    data = mp3.read_bytes()
    assert data[id3_length(data[:10]):] == frames


def _live_files(settings: Settings, record_id: str) -> tuple[Path, LiveJournal]:
    work = settings.briefings_dir / f".work-{record_id}-4242"
    work.mkdir(parents=True)
    frames, journal = live_paths(work / ".audio.mp3.4242.part")
    frames.write_bytes(b"0123456789")
    return frames, LiveJournal(journal)


def test_a_source_reads_only_committed_bytes_and_knows_the_end(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path)
    frames, journal = _live_files(settings, "a" * 32)
    journal.audio(4)
    source = LiveSource.find(settings, "a" * 32)
    assert source is not None
    assert source.read(0) == b"0123"
    assert source.read(4) == b""
    journal.end(10)
    assert source.read(4) == b"456789"
    assert source.finished(10) and not source.abandoned()
    journal.close()
    frames.unlink()
    frames.with_suffix(".live").unlink()
    assert not source.abandoned()  # finished first: deleting is the normal end
    source.close()


def test_files_deleted_before_the_end_are_abandoned(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path)
    frames, journal = _live_files(settings, "b" * 32)
    journal.audio(10)
    source = LiveSource.find(settings, "b" * 32)
    assert source is not None and source.read(0) == b"0123456789"
    journal.close()
    frames.unlink()
    frames.with_suffix(".live").unlink()
    assert source.abandoned() and not source.finished(10)
    source.close()
    assert LiveSource.find(settings, "b" * 32) is None


def test_stream_slots_are_bounded_per_client() -> None:
    slots = StreamSlots(2)
    assert slots.take("10.0.0.1") and slots.take("10.0.0.1")
    assert not slots.take("10.0.0.1")
    assert slots.take("10.0.0.2")
    slots.give_back("10.0.0.1")
    assert slots.take("10.0.0.1")


class Cache:
    """No chunk cached, nothing kept."""

    def read_entry(self, key: str, suffix: str) -> bytes | None:
        return None

    def write_entry(self, key: str, suffix: str, data: bytes) -> None:
        """Nothing to keep."""


def test_the_chunk_writer_reports_each_chunk_once_written_and_flushed() -> None:
    from concurrent.futures import ThreadPoolExecutor

    from audiobrief.audio.prepare import OUTPUT_RATE

    class Sink(io.BytesIO):
        flushed = 0

        def flush(self) -> None:
            self.flushed = len(self.getvalue())

    sink, reports = Sink(), []
    with ThreadPoolExecutor(1) as encoder:
        writer = ChunkWriter(encoder, sink, Cache(),  # type: ignore[arg-type]
                             lambda written: reports.append((written, sink.flushed)))
        writer.pause(OUTPUT_RATE)
        writer.pause(OUTPUT_RATE)  # the first chunk ends at the first pause once it holds sound or silence
        assert reports and reports[0][0] == reports[0][1] == len(sink.getvalue())
        writer.finish()
    assert reports[-1][0] == len(sink.getvalue())
    assert [written for written, _ in reports] == sorted({written for written, _ in reports})
