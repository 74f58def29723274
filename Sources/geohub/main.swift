import Foundation

// geohub's entry point: everything is in Commands/ and Server/.
exit(Geohub.main(Array(CommandLine.arguments.dropFirst())).rawValue)
