"""Exercise 17.2: a framed remote shell whose total_size counts bytes.

Usage: python3 solution.py HOST PORT (socklab check 17.2 adds them)
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
        cmd = conn.recv(1024)
        if not cmd:
            break
        obj = subprocess.Popen(cmd.decode('utf-8'), shell=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        stdout, stderr = obj.communicate()
        header = {'total_size': len(stdout) + len(stderr)}  # bytes
        header_bytes = json.dumps(header).encode('utf-8')
        conn.sendall(struct.pack('i', len(header_bytes)) + header_bytes)
        conn.sendall(stdout + stderr)
    conn.close()
