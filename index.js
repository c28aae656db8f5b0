// n8n discovers the nodes and credentials through the "n8n" field of package.json; this entry point only
// lets `require('n8n-nodes-fusion')` resolve for tools that expect one.
module.exports = {};
