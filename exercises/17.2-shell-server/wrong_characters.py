"""Exercise 17.2, the mistake: total_size counted in characters.

The output is decoded first, and len() of the text counts characters:
'粘包\n' is 3 characters and 7 bytes. The client reads 3 bytes and takes
the rest for the next reply.
"""
import json
import socket
import struct
import subprocess
import sys

host, port = sys.argv[-2], int(sys.argv[-1])
server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind((host, port))
server.listen(5)
while True:
    conn, addr = server.accept()
    while True:
        try:
            cmd = conn.recv(1024)
        except ConnectionError:
            break
        if not cmd:
            break
        obj = subprocess.Popen(cmd.decode('utf-8', 'replace'), shell=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        stdout, stderr = obj.communicate()
        text = (stdout + stderr).decode('utf-8')
        header_bytes = json.dumps({'total_size': len(text)}).encode('utf-8')
        try:
            conn.sendall(struct.pack('i', len(header_bytes)) + header_bytes)
            conn.sendall(text.encode('utf-8'))
        except ConnectionError:
            break
    conn.close()
