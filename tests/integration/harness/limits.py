"""Time limits for cases and cleanup calls."""

import signal
import threading


class CaseTimeout(BaseException):
    """Raised by SIGALRM when a case runs too long (not an Exception, so the
    runner does not record it as the case's error observation)."""


class time_limit:
    def __init__(self, seconds: float):
        self.seconds = seconds

    fired = False

    def _fire(self, signum, frame):
        self.fired = True
        raise CaseTimeout(f"timed out after {self.seconds:.0f}s")

    def __enter__(self):
        self.old = None
        if threading.current_thread() is threading.main_thread() and hasattr(signal, "SIGALRM"):
            self.old = signal.signal(signal.SIGALRM, self._fire)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
        return self

    def __exit__(self, *exc):
        if self.old is not None:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.old)
        return False


def run_with_deadline(fn, seconds: float) -> bool:
    """Run fn in a daemon thread; False if it did not finish in time."""
    t = threading.Thread(target=fn, daemon=True)
    t.start()
    t.join(seconds)
    return not t.is_alive()
