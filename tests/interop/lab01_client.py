"""Lab 1 (nagle-sticky), the course's client: four sends, then close.

Usage: python3 lab01_client.py PORT
"""
import socket
import sys

client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
client.settimeout(5)  # not in the course: a test must never hang
client.connect(('127.0.0.1', int(sys.argv[1])))
client.send(b'hello')
client.send(b'world')
client.send(b'musibii')
client.send(b'1')
client.close()
print('sent 4 messages, closed')
