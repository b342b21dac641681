"""A real OpenSSH server for the replication tests: Debian's sshd on a
free port on 127.0.0.1, with a host key of its own, one authorized key
of its own (made here, never the user's), SFTP only (ForceCommand
internal-sftp: the key opens no shell), and a temporary folder for the
replica.  It logs in the running user, restricted by that key alone.
Everything lives in one temporary folder that stop() removes.

    s = Sshd().start()
    s.url("replica")     # sftp://USER@127.0.0.1:PORT/TMP/replica
    s.key                # the client's private key file
    s.stop()             # the server stops; the replica stays until close()
    s.start()            # the same port, keys and folder again
    s.close()            # stops and removes everything
"""
import getpass
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time

SSHD = "/usr/sbin/sshd"


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Sshd:
    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="heard-sshd-")
        os.chmod(self.dir, 0o700)
        self.port = _free_port()
        self.user = getpass.getuser()
        self.host_key = os.path.join(self.dir, "host_ed25519")
        self.key = os.path.join(self.dir, "client_ed25519")
        self.root = os.path.join(self.dir, "replicas")
        os.makedirs(self.root)
        for k in (self.host_key, self.key):
            subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "heard-test",
                            "-f", k], check=True)
        auth = os.path.join(self.dir, "authorized_keys")
        with open(self.key + ".pub") as f:
            pub = f.read().strip()
        with open(auth, "w") as f:
            f.write("restrict " + pub + "\n")
        self.config = os.path.join(self.dir, "sshd_config")
        with open(self.config, "w") as f:
            f.write(f"""ListenAddress 127.0.0.1
Port {self.port}
HostKey {self.host_key}
PidFile {self.dir}/sshd.pid
AuthorizedKeysFile {auth}
AllowUsers {self.user}
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
UsePAM no
StrictModes no
X11Forwarding no
AllowTcpForwarding no
AllowAgentForwarding no
PermitTTY no
Subsystem sftp internal-sftp
ForceCommand internal-sftp
LogLevel ERROR
""")
        self.proc = None

    def url(self, name):
        return f"sftp://{self.user}@127.0.0.1:{self.port}{self.root}/{name}"

    def start(self):
        # sshd started as root checks its privilege-separation folder.
        if os.geteuid() == 0:
            os.makedirs("/run/sshd", mode=0o755, exist_ok=True)
        self.proc = subprocess.Popen([SSHD, "-D", "-e", "-f", self.config],
                                     stdout=subprocess.DEVNULL,
                                     stderr=open(os.path.join(self.dir, "sshd.log"), "ab"))
        deadline = time.time() + 10
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError("sshd exited: " + self.log())
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as c:
                    if c.recv(4).startswith(b"SSH-"):
                        return self
            except OSError:
                pass
            time.sleep(0.05)
        raise AssertionError("sshd did not answer: " + self.log())

    def log(self):
        try:
            with open(os.path.join(self.dir, "sshd.log"), errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    def _tree(self):
        """The pids descended from the listener (its sessions)."""
        parent = {}
        for d in os.listdir("/proc"):
            if d.isdigit():
                try:
                    with open(f"/proc/{d}/stat") as f:
                        parent[int(d)] = int(f.read().rsplit(")", 1)[1].split()[1])
                except OSError:
                    pass
        mine, grew = {self.proc.pid}, True
        while grew:
            more = {p for p, pp in parent.items() if pp in mine} - mine
            grew = bool(more)
            mine |= more
        return mine - {self.proc.pid}

    def stop(self):
        """Stop the listener and every session it started: open sessions
        outlive the listener, and a stopped server must drop the replica."""
        if self.proc and self.proc.poll() is None:
            sessions = self._tree()
            self.proc.kill()
            self.proc.wait()
            for pid in sessions:
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
        self.proc = None

    def close(self):
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)
