"""Lab 3 (udp-truncation), the course's client: three datagrams.

Usage: python3 lab03_client.py PORT
"""
import socket
import sys

client = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
server_addr = ('127.0.0.1', int(sys.argv[1]))
client.sendto(b'1234567890', server_addr)
client.sendto(b'12345', server_addr)
client.sendto(b'123', server_addr)
client.close()
print('sent 3 datagrams')
