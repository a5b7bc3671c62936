#pragma once
// A small hand-written trace for the trace, export and visualizer tests: one brokered call that completes (every
// hop of the oslo.messaging path), one whose delivery is lost when its server is killed and which times out, and a
// heartbeat. Times are chosen so that each latency phase has a distinct, known length.
#include <string>

namespace buslab::testdata {

// Lanes: 0 host client1, 1 client api-1, 2 host rabbit, 3 broker rabbit, 4 exchange rabbit/x/openstack,
// 5 queue rabbit/q/compute, 6 exchange rabbit/x/(default), 7 queue rabbit/q/reply_api-1, 8 host compute1,
// 9 server compute-1.
inline std::string sample_trace_json() {
  return R"TRACE({"format":"buslab-trace","version":1,"scenario":"sample","variant":"brokered","seed":7,"sim_time_s":1.007,"conservation":{"created":3,"consumed":2,"dropped":{"refused":0},"expired":0,"lost":{"process_crash":0,"network":1},"remaining":{"queued":0},"balanced":true},
"lanes":[
{"id":0,"name":"client1","kind":"host","host":"client1"},
{"id":1,"name":"api-1","kind":"client","host":"client1"},
{"id":2,"name":"rabbit","kind":"host","host":"rabbit"},
{"id":3,"name":"rabbit","kind":"broker","host":"rabbit"},
{"id":4,"name":"rabbit/x/openstack","kind":"exchange","host":"rabbit","broker":"rabbit"},
{"id":5,"name":"rabbit/q/compute","kind":"queue","host":"rabbit","broker":"rabbit"},
{"id":6,"name":"rabbit/x/(default)","kind":"exchange","host":"rabbit","broker":"rabbit"},
{"id":7,"name":"rabbit/q/reply_api-1","kind":"queue","host":"rabbit","broker":"rabbit"},
{"id":8,"name":"compute1","kind":"host","host":"compute1"},
{"id":9,"name":"compute-1","kind":"server","host":"compute1","service":"compute","workers":2}],
"hop_fields":["msg","call","kind","from","to","t_send","t_recv","bytes","method","status"],
"hops":[
[1,1,"request",1,4,0.0001,0.0002,1000,"add","ok"],
[1,1,"route",4,5,0.00021,0.00022,1000,"add","ok"],
[1,1,"delivery",5,9,0.0005,0.0006,1000,"add","ok"],
[0,1,"ack",9,5,0.0006,0.0007,80,"","ok"],
[0,0,"heartbeat",9,3,0.0009,0.001,20,"","ok"],
[3,1,"reply",9,6,0.0059,0.006,300,"add","ok"],
[3,1,"route",6,7,0.00601,0.00602,300,"add","ok"],
[3,1,"delivery",7,1,0.0061,0.0062,300,"add","ok"],
[0,1,"ack",1,7,0.0062,0.0063,80,"","ok"],
[2,2,"request",1,4,0.007,0.0071,1000,"add","ok"],
[2,2,"route",4,5,0.00711,0.00712,1000,"add","ok"],
[2,2,"delivery",5,9,0.0072,null,1000,"add","lost"]],
"event_fields":["t","lane","type","value","call"],
"events":[
[0,1,"up",1,0],[0,3,"up",1,0],[0,9,"up",1,0],
[0.00022,5,"depth",1,0],[0.0005,5,"depth",0,0],
[0.0008,9,"busy",1,0],[0.0008,9,"service_start",0,1],
[0.0058,9,"busy",0,0],[0.0058,9,"service_end",0,1],
[0.0071,9,"kill",0,0],[0.0071,9,"down",0,0],
[0.00712,5,"depth",1,0],[0.0072,5,"depth",0,0],
[0.5,9,"restart",0,0],[0.5,9,"up",1,0],
[1.007,1,"timeout",0,2]],
"call_fields":["call","client","method","mode","t_start","t_end","outcome","server"],
"calls":[
[1,1,"add","call",0.0,0.0063,"ok",9],
[2,1,"add","call",0.0069,1.007,"timeout",-1]]}
)TRACE";
}

// The text with the first occurrence of `from` replaced by `to` (for building broken variants).
inline std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// The sample trace with a parent column: call 2 made while handling call 1 (a tree of two calls).
inline std::string sample_trace_with_parents_json() {
  std::string text = replaced(sample_trace_json(), R"("outcome","server"])", R"("outcome","server","parent"])");
  text = replaced(text, R"([1,1,"add","call",0.0,0.0063,"ok",9])", R"([1,1,"add","call",0.0,0.0063,"ok",9,0])");
  return replaced(text, R"([2,1,"add","call",0.0069,1.007,"timeout",-1])",
                  R"([2,1,"add","call",0.0069,1.007,"timeout",-1,1])");
}

}  // namespace buslab::testdata
