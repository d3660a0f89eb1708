//go:build unix

package catalog

import (
	"errors"
	"os"
	"syscall"
)

// tryLockExclusive takes an exclusive flock on f without waiting. flock
// locks belong to the open file description, so two Stores of one process
// conflict like two processes do, and the kernel drops the lock when the
// process dies (kill -9 included): a lock that can be taken belongs to no
// live Store.
func tryLockExclusive(f *os.File) bool {
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if errors.Is(err, syscall.EINTR) {
			continue
		}
		return err == nil
	}
}

// lockShared takes (or converts to) a shared flock, waiting if needed.
func lockShared(f *os.File) error {
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_SH)
		if errors.Is(err, syscall.EINTR) {
			continue
		}
		return err
	}
}
