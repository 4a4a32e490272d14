"""Exercise 16.1, the mistake: the file read as text, its size in characters.

len() of the str counts characters; 粘 is one character and three bytes
in UTF-8. The header promises fewer bytes than are sent.
"""
import json
import os
import socket
import struct
import sys

host, port = sys.argv[-2], int(sys.argv[-1])
path = os.path.join(os.environ['SOCKLAB_DIR'], 'upload.txt')
with open(path, encoding='utf-8') as f:
    data = f.read()
header = {'cmd': 'put', 'filename': 'upload.txt', 'filesize': len(data)}
header_bytes = json.dumps(header).encode('utf-8')
client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
client.connect((host, port))
client.sendall(struct.pack('i', len(header_bytes)))
client.sendall(header_bytes)
client.sendall(data.encode('utf-8'))
client.close()
