"""Lab 2 (partial-recv), the course's remote-shell server, with a pretend
shell: it runs nothing, it answers from a table (the course runs the
command with subprocess; never do that with bytes from the network).

Prints `listening on 127.0.0.1:PORT (tcp)`, serves one client, exits.
"""
import socket

SHELL = {
    b'seq 1 500': ''.join('%d\n' % n for n in range(1, 501)).encode('utf-8'),
    b'echo hi': b'hi\n',
}

server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.bind(('127.0.0.1', 0))
server.listen(5)
print('listening on %s:%d (tcp)' % server.getsockname(), flush=True)
server.settimeout(10)  # not in the course: a test must never hang

conn, client_addr = server.accept()
conn.settimeout(5)
while True:
    cmd = conn.recv(1024)
    if not cmd:
        break
    res = SHELL.get(cmd, b'sh: ' + cmd + b': not found\n')
    conn.send(res)
    print('command:', cmd, 'reply:', len(res), 'bytes')
conn.close()
server.close()
