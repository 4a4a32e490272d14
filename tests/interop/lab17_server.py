"""Lab 17 (remote-command), the course's remote command server, replying in
one of the course's three shapes. The course runs every command it
receives with subprocess.Popen(cmd, shell=True): anyone who connects runs
anything. This one runs a command only when it is, word for word, one of
a fixed list of harmless ones; anything else gets a refusal as its output.

Usage: python3 lab17_server.py [SHAPE]
SHAPE: total_size (header {'total_size'}, body stdout + stderr; the
default), data_size (header {'data_size'}, body stderr if there was any,
else stdout, as that version of the course does), length-prefix (no JSON).
Prints `listening on 127.0.0.1:PORT (tcp)`, serves one client, exits.
"""
import json
import os
import socket
import struct
import subprocess
import sys
import tempfile

shape = sys.argv[1] if len(sys.argv) > 1 else 'total_size'
HARMLESS = {'echo hi', 'seq 1 500', 'ls no-such-file', 'false', 'ls'}

server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.bind(('127.0.0.1', 0))
server.listen(5)
print('listening on %s:%d (tcp)' % server.getsockname(), flush=True)
server.settimeout(10)  # not in the course: a test must never hang

with tempfile.TemporaryDirectory() as folder:
    conn, client_addr = server.accept()
    conn.settimeout(5)
    while True:
        cmd = conn.recv(1024)
        if not cmd:
            break
        if cmd.decode('utf-8', 'replace') in HARMLESS:
            obj = subprocess.Popen(cmd.decode('utf-8'), shell=True, cwd=folder,
                                   env={'PATH': '/usr/bin:/bin', 'LC_ALL': 'C'},
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            stdout = obj.stdout.read()
            stderr = obj.stderr.read()
            obj.wait()
        else:
            stdout, stderr = b'', b'not one of the harmless commands\n'
        if shape == 'data_size':
            body = stderr if stderr else stdout
        else:
            body = stdout + stderr
        if shape == 'length-prefix':
            conn.send(struct.pack('i', len(body)) + body)
        else:
            header = {shape: len(body), 'header_name': 'reply'}
            header_bytes = json.dumps(header).encode('utf-8')
            conn.send(struct.pack('i', len(header_bytes)) + header_bytes + body)
        print('command:', cmd, 'body:', len(body), 'bytes', flush=True)
    conn.close()
server.close()
