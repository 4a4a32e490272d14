"""Lab 11 (udp-datagrams), the course's time client: a strftime format in
one datagram (empty: the server's default), the reply printed.

Usage: python3 lab11_client.py PORT [FORMAT]
"""
import socket
import sys

client = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
client.settimeout(5)  # not in the course: a test must never hang
msg = sys.argv[2] if len(sys.argv) > 2 else ''
client.sendto(msg.encode('utf-8'), ('127.0.0.1', int(sys.argv[1])))
data, server_addr = client.recvfrom(1024)
print(data.decode('utf-8'))
client.close()
