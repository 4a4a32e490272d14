"""Exercise 11.2, the mistake: the empty datagram taken as its own format.

time.strftime('') is '': the client that asked for the default format
gets an empty datagram back.
"""
import socket
import sys
import time

host, port = sys.argv[-2], int(sys.argv[-1])
server = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
server.bind((host, port))
while True:
    data, client_addr = server.recvfrom(1024)
    server.sendto(time.strftime(data.decode('utf-8')).encode('utf-8'), client_addr)
