"""Lab 17 (remote-command), the course's remote command server, without
its shell: the course runs subprocess.Popen(cmd, shell=True), which lets
anyone who connects run anything. This one splits the line itself, runs
only programs on an allowlist, and answers in lab 6's header-dictionary
format with the exit status and stderr kept apart.

Prints `listening on 127.0.0.1:PORT (tcp)`, serves one client, exits.
"""
import json
import os
import re
import shutil
import socket
import struct
import subprocess
import tempfile

ALLOWLIST = ['echo', 'printf', 'seq', 'false', 'ls', 'pwd']
ENV = {'PATH': '/usr/bin:/bin', 'LC_ALL': 'C'}


def refuse(text):
    body = (text + '\n').encode('utf-8')
    return {'total_size': len(body), 'error': text}, body


def run(cmd, folder):
    try:
        words = [w for w in re.split(r'[ \t\n\r\x0c]+', cmd.decode('utf-8')) if w]
    except UnicodeDecodeError:
        return refuse('refused: not UTF-8 text')
    if not words:
        return refuse('refused: empty command')
    if words[0] not in ALLOWLIST:
        return refuse('refused: %s is not on the allowlist' % words[0])
    if words[0] == 'ls' and any('/' in w or w == '..' for w in words[1:]):
        return refuse('refused: ls lists the lab folder only')
    program = shutil.which(words[0], path=ENV['PATH'])
    if program is None:
        return refuse('refused: %s is not installed here' % words[0])
    # A list, not a string, and no shell: ';' and '*' stay characters.
    res = subprocess.run(words, executable=program, cwd=folder, env=ENV,
                         stdin=subprocess.DEVNULL, capture_output=True,
                         timeout=2)
    exited = res.returncode >= 0
    header = {'total_size': len(res.stdout) + len(res.stderr),
              'stdout_len': len(res.stdout), 'stderr_len': len(res.stderr),
              'exit_status': res.returncode if exited else None,
              'signal': None if exited else -res.returncode}
    return header, res.stdout + res.stderr


server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.bind(('127.0.0.1', 0))
server.listen(5)
print('listening on %s:%d (tcp)' % server.getsockname(), flush=True)
server.settimeout(10)  # not in the course: a test must never hang

with tempfile.TemporaryDirectory() as folder:
    for name, text in [('notes.txt', 'socket notes\n'), ('todo.txt', 'lab 17\n')]:
        with open(os.path.join(folder, name), 'w') as f:
            f.write(text)
    conn, client_addr = server.accept()
    conn.settimeout(5)
    while True:
        cmd = conn.recv(1024)
        if not cmd:
            break
        header, body = run(cmd, folder)
        header_bytes = json.dumps(header).encode('utf-8')
        conn.send(struct.pack('i', len(header_bytes)) + header_bytes + body)
        print('command:', cmd, 'header:', header_bytes.decode('utf-8'))
    conn.close()
server.close()
