// Package server implements the Spark Connect gRPC service
// (spark.connect.SparkConnectService) that PySpark and other Spark Connect
// clients talk to. It owns everything about the protocol; what a plan means
// is the business of the Core it is given (see core.go).
//
// # Sessions
//
// A session is created lazily by the first request that names it and is
// keyed, like in Spark, by (user_id, session_id): the same session_id used
// under another user_id is a different, isolated session, and requests that
// only look sessions up (ReattachExecute) get INVALID_HANDLE.SESSION_NOT_FOUND
// for it. Each incarnation gets a server-side session id that every response
// echoes; a client that observed another one gets
// INVALID_HANDLE.SESSION_CHANGED. ReleaseSession and idle expiry close a
// session and remember its key, so later use gets
// INVALID_HANDLE.SESSION_CLOSED (unless the release allowed reconnecting).
//
// # Operations and reattachable execution
//
// ExecutePlan registers an operation under the client's operation_id, runs
// Core.Execute in its own goroutine and streams the responses it produces:
//
//	core goroutine ──push──► operation buffer ──next/send──► attached RPC stream
//	                         (ids stamped, bounded)         (ExecutePlan or
//	                                                          ReattachExecute)
//
// Every response gets session_id, server_side_session_id, operation_id and a
// fresh response_id. After the core returns, the server appends metrics,
// carried by result_complete for reattachable requests (a reattachable
// stream that ends without it makes PySpark reattach forever). A response
// holding only the result schema travels with the response after it. The
// clients read those fields of a response independently, and a reattachable
// client answers every response but the last with a ReleaseExecute call, so
// a small result costs two responses instead of four.
//
// The buffer keeps responses until the client releases them
// (ReleaseExecute release_until / release_all), so a client whose stream
// broke can ReattachExecute after the last response it received and get
// every later response exactly once. Attaching a new stream detaches the
// previous one, which ends with INVALID_CURSOR.DISCONNECTED. Memory is
// bounded twice: the producer blocks while MaxBufferedResponses responses
// are waiting to be sent, and responses already sent but not released are
// dropped oldest-first beyond a retry budget. Operations no client is
// attached to are garbage-collected after OperationTimeout.
//
// ReleaseExecute always succeeds, even for unknown operations or sessions
// (clients send releases asynchronously, possibly after the session is
// gone). With Options.MaxStreamResponses a stream ends voluntarily after that
// many responses without result_complete and the client reattaches (Spark's
// senderMaxStreamSize); it is off by default.
//
// Interrupt cancels operations' contexts (all, by tag, or by id); their
// clients get OPERATION_CANCELED. Closing a session cancels its operations
// and waits (bounded) for the core to return before Core.CloseSession.
//
// # Errors
//
// Handlers return *sparkerr.Error values; ToStatus turns any error into the
// status PySpark understands: code INTERNAL, the Spark message (shortened to
// about 2 KB, keeping head and tail), and an ErrorInfo whose metadata holds
// the Java class hierarchy, errorClass, messageParameters, sqlState and an
// errorId under which FetchErrorDetails returns the full error once. Code
// UNAVAILABLE is never used for user errors: clients retry it for minutes.
//
// Every RPC recovers panics (they become INTERNAL_ERROR; the server keeps
// serving) and writes one slog line with method, session, operation,
// duration, rows forwarded and error class.
//
// # Other RPCs
//
// Config implements Spark's conf semantics over session.Conf (see
// config.go). AddArtifacts verifies each chunk's CRC32 and stores artifacts
// atomically under the session's artifact directory, confined to the
// cache/, pyfiles/, archives/, files/, jars/ and classes/ prefixes.
// AnalyzePlan is delegated to the core. CloneSession and GetStatus answer
// UNIMPLEMENTED.
package server
