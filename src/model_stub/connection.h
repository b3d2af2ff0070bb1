#pragma once
// Dropping a client's connection from inside a request handler, for the
// close_connection fault: the client sees its connection closed before any
// byte of a response (a transport error), as when a proxy or server dies.

#include <httplib.h>

namespace model_stub {

// Shuts down (both directions) the server-side socket `req` arrived on, found
// by its local and peer address and port. httplib's attempt to answer then
// fails and it closes the socket. False when no such socket was found.
bool DropConnection(const httplib::Request& req);

}  // namespace model_stub
