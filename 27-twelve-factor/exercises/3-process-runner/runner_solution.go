//go:build solution

package procrunner

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sync"
	"syscall"
	"time"
)

// exit is one process's end, as its waiter saw it.
type exit struct {
	i      int
	status syscall.WaitStatus
}

// Run starts every process, copies their output to r.Out, and stops them
// all when one exits or ctx is done.
func (r *Runner) Run(ctx context.Context) (Result, error) {
	if len(r.Procs) == 0 {
		return Result{}, errors.New("no processes to run")
	}
	if r.Grace <= 0 {
		return Result{}, errors.New("grace must be positive")
	}
	seen := map[string]bool{}
	for _, p := range r.Procs {
		if p.Name == "" || seen[p.Name] {
			return Result{}, fmt.Errorf("process name %q is empty or repeated", p.Name)
		}
		seen[p.Name] = true
	}

	var outMu sync.Mutex
	var readers sync.WaitGroup
	exits := make(chan exit, len(r.Procs))
	cmds := make([]*exec.Cmd, 0, len(r.Procs))
	for i, p := range r.Procs {
		cmd := exec.Command("sh", "-c", p.Command)
		// Its own process group: a signal to -pid reaches the shell and
		// everything it started.
		cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
		pr, pw, err := os.Pipe()
		if err != nil {
			r.signalAll(cmds, syscall.SIGKILL)
			return Result{}, err
		}
		cmd.Stdout, cmd.Stderr = pw, pw
		err = cmd.Start()
		pw.Close() // the child has its copy; EOF comes when every holder is gone
		if err != nil {
			pr.Close()
			r.signalAll(cmds, syscall.SIGKILL)
			return Result{}, fmt.Errorf("start %s: %w", p.Name, err)
		}
		cmds = append(cmds, cmd)
		readers.Go(func() { copyLines(pr, p.Name, r.Out, &outMu) })
		go func() {
			_ = cmd.Wait()
			exits <- exit{i, cmd.ProcessState.Sys().(syscall.WaitStatus)}
		}()
	}

	var res Result
	done := make([]bool, len(cmds))
	killed := make([]bool, len(cmds))
	stopping, failed := false, false
	var kill <-chan time.Time
	stop := func() {
		if stopping {
			return
		}
		stopping = true
		for i, cmd := range cmds {
			if !done[i] {
				_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
			}
		}
		kill = time.After(r.Grace)
	}
	ctxDone := ctx.Done()
	for running := len(cmds); running > 0; {
		select {
		case <-ctxDone:
			ctxDone = nil
			stop()
		case e := <-exits:
			running--
			done[e.i] = true
			code := 0
			switch {
			case killed[e.i]:
				code = 128 + int(syscall.SIGKILL)
			case e.status.Exited():
				code = e.status.ExitStatus()
			case e.status.Signaled() && !stopping:
				code = 128 + int(e.status.Signal()) // a signal we did not send
			}
			if code != 0 && !failed {
				failed, res.Code = true, code
			}
			if !stopping {
				res.First = r.Procs[e.i].Name
			}
			stop()
		case <-kill:
			kill = nil
			for i, cmd := range cmds {
				if !done[i] {
					killed[i] = true
					_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
				}
			}
		}
	}
	for i, k := range killed {
		if k {
			res.Killed = append(res.Killed, r.Procs[i].Name)
		}
	}
	readers.Wait()
	return res, nil
}

func (r *Runner) signalAll(cmds []*exec.Cmd, sig syscall.Signal) {
	for _, cmd := range cmds {
		_ = syscall.Kill(-cmd.Process.Pid, sig)
	}
}

// copyLines writes every line of src to out as "name | line\n", whole
// lines under mu so that two processes never share a line. A last line
// without a newline gets one.
func copyLines(src io.ReadCloser, name string, out io.Writer, mu *sync.Mutex) {
	defer src.Close()
	br := bufio.NewReader(src)
	for {
		line, err := br.ReadString('\n')
		if line != "" {
			if line[len(line)-1] != '\n' {
				line += "\n"
			}
			mu.Lock()
			_, _ = io.WriteString(out, name+" | "+line)
			mu.Unlock()
		}
		if err != nil {
			return
		}
	}
}
