import Foundation

FileHandle.standardError.write(Data("valet: not built yet\n".utf8))
exit(2)
