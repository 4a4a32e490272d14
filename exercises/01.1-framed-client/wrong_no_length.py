"""Exercise 1.1, the course's first client: four sends, no lengths.

A late reader gets b'helloworldmusibii1' in one piece and cannot tell
where one message ended (the sticky packet, 粘包).
"""
import socket
import sys

host, port = sys.argv[-2], int(sys.argv[-1])
client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
client.connect((host, port))
client.send(b'hello')
client.send(b'world')
client.send(b'musibii')
client.send(b'1')
client.close()
